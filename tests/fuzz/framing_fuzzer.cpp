// Fuzz target: protocol::FrameDecoder (header parsing, Content-Length, resynchronisation).
// Properties: decoding terminates and consumes its input; a body is never longer than the
// limit; decoding the same bytes in one piece or in arbitrary chunks gives the same bodies
// when no header was malformed; every body re-encoded with encode_frame decodes to itself.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "protocol/framing.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using lw::protocol::FrameDecoder;
using lw::protocol::FrameError;
using lw::protocol::FrameLimits;

struct Decoded {
  std::vector<std::string> bodies;
  std::size_t errors = 0;
};

// Drains every complete result; a decoder that returned more results than it has bytes
// would be looping without consuming anything.
void drain(FrameDecoder& decoder, Decoded& out, std::size_t budget, const FrameLimits& limits) {
  std::size_t results = 0;
  while (auto result = decoder.next()) {
    LW_FUZZ_CHECK(++results <= budget + 1, "next() keeps returning results without input");
    if (auto* body = std::get_if<std::string>(&*result)) {
      LW_FUZZ_CHECK(body->size() <= limits.max_body);
      out.bodies.push_back(std::move(*body));
    } else {
      LW_FUZZ_CHECK(!std::get<FrameError>(*result).message.empty());
      ++out.errors;
    }
  }
}

Decoded decode_whole(std::string_view input, const FrameLimits& limits) {
  FrameDecoder decoder(limits);
  Decoded out;
  decoder.feed(input);
  drain(decoder, out, input.size(), limits);
  LW_FUZZ_CHECK(decoder.buffered() <= input.size());
  return out;
}

// Chunk sizes 1..16 taken from the input itself, so the split is deterministic.
Decoded decode_chunked(std::string_view input, const FrameLimits& limits) {
  FrameDecoder decoder(limits);
  Decoded out;
  std::size_t pos = 0;
  std::size_t i = 0;
  while (pos < input.size()) {
    const auto step = 1U + (static_cast<unsigned char>(input[i++ % input.size()]) % 16U);
    const std::string_view chunk = input.substr(pos, step);
    pos += chunk.size();
    decoder.feed(chunk);
    drain(decoder, out, input.size(), limits);
  }
  LW_FUZZ_CHECK(decoder.buffered() <= input.size());
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);  // NOLINT

  const FrameLimits defaults;
  const Decoded whole = decode_whole(input, defaults);
  const Decoded chunked = decode_chunked(input, defaults);
  if (whole.errors == 0 && chunked.errors == 0) {
    LW_FUZZ_CHECK(whole.bodies == chunked.bodies, "one piece and chunks disagree");
  }

  // Every decoded body survives a round trip, alone and all together.
  std::string stream;
  for (const auto& body : whole.bodies) {
    const Decoded one = decode_whole(lw::protocol::encode_frame(body), defaults);
    LW_FUZZ_CHECK(one.errors == 0 && one.bodies.size() == 1 && one.bodies[0] == body);
    stream += lw::protocol::encode_frame(body);
  }
  const Decoded again = decode_chunked(stream, defaults);
  LW_FUZZ_CHECK(again.errors == 0 && again.bodies == whole.bodies, "re-encoded stream differs");

  // Tiny limits reach the "header too long" and "body too large" paths.
  const FrameLimits tiny{.max_body = 64, .max_header = 48};
  decode_whole(input, tiny);
  decode_chunked(input, tiny);
  return 0;
}
