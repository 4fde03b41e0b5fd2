#include "protocol/framing.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lw::protocol {
namespace {

struct Decoded {
  std::vector<std::string> bodies;
  std::vector<std::string> errors;
  // Bodies and errors in arrival order: "B:<body>" / "E".
  std::vector<std::string> sequence;
};

void drain(FrameDecoder& decoder, Decoded& out) {
  while (auto result = decoder.next()) {
    if (const auto* body = std::get_if<std::string>(&*result)) {
      out.bodies.push_back(*body);
      out.sequence.push_back("B:" + *body);
    } else {
      out.errors.push_back(std::get<FrameError>(*result).message);
      out.sequence.push_back("E");
    }
  }
}

Decoded decode_all(std::string_view bytes, FrameLimits limits = {}) {
  FrameDecoder decoder(limits);
  Decoded out;
  decoder.feed(bytes);
  drain(decoder, out);
  return out;
}

TEST(Framing, EncodeWritesContentLengthHeader) {
  EXPECT_EQ(encode_frame("{}"), "Content-Length: 2\r\n\r\n{}");
  EXPECT_EQ(encode_frame(""), "Content-Length: 0\r\n\r\n");
}

TEST(Framing, DecodesOneFrame) {
  const Decoded d = decode_all(encode_frame(R"({"a":1})"));
  ASSERT_EQ(d.bodies.size(), 1U);
  EXPECT_EQ(d.bodies[0], R"({"a":1})");
  EXPECT_TRUE(d.errors.empty());
}

TEST(Framing, SplitAtEveryByteBoundary) {
  const std::string stream = encode_frame(R"({"x":"é😀"})") + encode_frame("[1,2,3]");
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    FrameDecoder decoder;
    Decoded out;
    decoder.feed(std::string_view(stream).substr(0, cut));
    drain(decoder, out);
    decoder.feed(std::string_view(stream).substr(cut));
    drain(decoder, out);
    ASSERT_EQ(out.bodies.size(), 2U) << "cut at " << cut;
    EXPECT_EQ(out.bodies[0], R"({"x":"é😀"})");
    EXPECT_EQ(out.bodies[1], "[1,2,3]");
    EXPECT_TRUE(out.errors.empty()) << "cut at " << cut;
    EXPECT_EQ(decoder.buffered(), 0U);
  }
}

TEST(Framing, OneByteAtATime) {
  const std::string stream = encode_frame("abc") + encode_frame("defg");
  FrameDecoder decoder;
  Decoded out;
  for (const char c : stream) {
    decoder.feed(std::string_view(&c, 1));
    drain(decoder, out);
  }
  EXPECT_EQ(out.bodies, (std::vector<std::string>{"abc", "defg"}));
}

TEST(Framing, ConcatenatedMessagesInOneChunk) {
  std::string stream;
  for (int i = 0; i < 50; ++i) stream += encode_frame(std::to_string(i));
  const Decoded d = decode_all(stream);
  ASSERT_EQ(d.bodies.size(), 50U);
  EXPECT_EQ(d.bodies[49], "49");
}

TEST(Framing, HeaderNamesAreCaseInsensitiveAndContentTypeIsAccepted) {
  const Decoded d = decode_all(
      "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"
      "CONTENT-LENGTH:3\r\n\r\n[1]"
      "Content-Type: application/vscode-jsonrpc; charset=utf8\r\nContent-Length:  1 \r\n\r\n7");
  EXPECT_EQ(d.bodies, (std::vector<std::string>{"{}", "[1]", "7"}));
  EXPECT_TRUE(d.errors.empty());
}

TEST(Framing, ToleratesBareNewlinesAndBlankLinesBetweenFrames) {
  const Decoded d = decode_all("Content-Length: 2\n\n{}\r\n\r\nContent-Length: 2\r\n\r\n[]");
  EXPECT_EQ(d.bodies, (std::vector<std::string>{"{}", "[]"}));
  EXPECT_TRUE(d.errors.empty());
}

TEST(Framing, BodyMayContainHeaderLikeText) {
  const std::string body = "Content-Length: 99\r\n\r\n";
  const Decoded d = decode_all(encode_frame(body) + encode_frame("x"));
  EXPECT_EQ(d.bodies, (std::vector<std::string>{body, "x"}));
}

TEST(Framing, MissingContentLengthIsAnErrorAndRecovers) {
  const Decoded d = decode_all("Content-Type: text/plain\r\n\r\n" + encode_frame("ok"));
  ASSERT_EQ(d.errors.size(), 1U);
  EXPECT_NE(d.errors[0].find("without Content-Length"), std::string::npos) << d.errors[0];
  EXPECT_EQ(d.sequence, (std::vector<std::string>{"E", "B:ok"}));
}

TEST(Framing, NegativeContentLength) {
  const Decoded d = decode_all("Content-Length: -5\r\n\r\n" + encode_frame("ok"));
  ASSERT_EQ(d.errors.size(), 1U);
  EXPECT_NE(d.errors[0].find("invalid Content-Length '-5'"), std::string::npos) << d.errors[0];
  EXPECT_EQ(d.bodies, (std::vector<std::string>{"ok"}));
}

TEST(Framing, NonNumericContentLengths) {
  for (const std::string bad : {"abc", "12abc", "", "+5", "1 2", "0x10", "1.5"}) {
    const Decoded d = decode_all("Content-Length: " + bad + "\r\n\r\n" + encode_frame("ok"));
    EXPECT_EQ(d.errors.size(), 1U) << "'" << bad << "'";
    EXPECT_EQ(d.bodies, (std::vector<std::string>{"ok"})) << "'" << bad << "'";
  }
}

TEST(Framing, HugeContentLengthIsRejectedWithoutAllocating) {
  const Decoded d =
      decode_all("Content-Length: 99999999999999999999999\r\n\r\n" + encode_frame("ok") +
                 "Content-Length: 1000000000\r\n\r\n" + encode_frame("ok2"));
  ASSERT_EQ(d.errors.size(), 2U);
  EXPECT_NE(d.errors[0].find("too large"), std::string::npos) << d.errors[0];
  EXPECT_NE(d.errors[1].find("exceeds the limit"), std::string::npos) << d.errors[1];
  EXPECT_EQ(d.bodies, (std::vector<std::string>{"ok", "ok2"}));
}

TEST(Framing, LimitIsConfigurable) {
  const Decoded d = decode_all(encode_frame("12345") + encode_frame("123"), {4, 1024});
  // The oversized body is then skipped as garbage until the next header (a second error).
  EXPECT_GE(d.errors.size(), 1U);
  EXPECT_EQ(d.sequence.front(), "E");
  EXPECT_EQ(d.bodies, (std::vector<std::string>{"123"}));
}

TEST(Framing, GarbageLineBeforeAFrame) {
  const Decoded d = decode_all("hello world\r\n\r\n" + encode_frame("ok"));
  ASSERT_EQ(d.errors.size(), 1U);
  EXPECT_NE(d.errors[0].find("malformed header line 'hello world'"), std::string::npos)
      << d.errors[0];
  EXPECT_EQ(d.bodies, (std::vector<std::string>{"ok"}));
}

TEST(Framing, GarbageGluedToTheNextHeaderResynchronises) {
  const Decoded d = decode_all("{\"oops\":1}" + encode_frame("ok") + encode_frame("ok2"));
  EXPECT_EQ(d.errors.size(), 1U);
  EXPECT_EQ(d.bodies, (std::vector<std::string>{"ok", "ok2"}));
}

TEST(Framing, GarbageWithoutNewlineGluedToHeader) {
  const Decoded d = decode_all("xyzContent-Length: 2\r\n\r\n{}");
  EXPECT_EQ(d.errors.size(), 1U);
  EXPECT_EQ(d.bodies, (std::vector<std::string>{"{}"}));
}

TEST(Framing, ConflictingContentLengths) {
  const Decoded d =
      decode_all("Content-Length: 2\r\nContent-Length: 3\r\n\r\n" + encode_frame("ok"));
  EXPECT_EQ(d.errors.size(), 1U);
  EXPECT_EQ(d.bodies, (std::vector<std::string>{"ok"}));
  // The same value twice is fine.
  const Decoded same = decode_all("Content-Length: 2\r\ncontent-length: 2\r\n\r\n{}");
  EXPECT_TRUE(same.errors.empty());
  EXPECT_EQ(same.bodies, (std::vector<std::string>{"{}"}));
}

TEST(Framing, EndlessHeaderIsCutAtTheLimit) {
  FrameDecoder decoder({1 << 20, 100});
  Decoded out;
  decoder.feed(std::string(1000, 'x'));
  drain(decoder, out);
  EXPECT_EQ(out.errors.size(), 1U);
  EXPECT_LT(decoder.buffered(), 100U);
  decoder.feed("\r\n\r\n" + encode_frame("ok"));
  drain(decoder, out);
  EXPECT_EQ(out.bodies, (std::vector<std::string>{"ok"}));
}

TEST(Framing, IncompleteFrameWaits) {
  FrameDecoder decoder;
  decoder.feed("Content-Length: 10\r\n\r\n12345");
  EXPECT_FALSE(decoder.next().has_value());
  EXPECT_EQ(decoder.buffered(), 5U);
  decoder.feed("67890");
  auto result = decoder.next();
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(std::get<std::string>(*result), "1234567890");
}

TEST(Framing, ZeroLengthBody) {
  const Decoded d = decode_all("Content-Length: 0\r\n\r\n" + encode_frame("x"));
  EXPECT_EQ(d.bodies, (std::vector<std::string>{"", "x"}));
}

TEST(Framing, ArbitraryBytesNeverCrash) {
  // A cheap deterministic fuzz: random bytes interleaved with valid frames.
  std::uint32_t state = 12345;
  auto rnd = [&state]() {
    state = state * 1103515245U + 12345U;
    return state >> 16U;
  };
  FrameDecoder decoder({4096, 256});
  Decoded out;
  for (int round = 0; round < 2000; ++round) {
    std::string chunk;
    const auto n = rnd() % 40;
    for (std::uint32_t i = 0; i < n; ++i) {
      const char alphabet[] = "Content-Length: 0123456789\r\n\r\n{}xyz\xff\x00";
      chunk += alphabet[rnd() % (sizeof(alphabet) - 1)];
    }
    decoder.feed(chunk);
    drain(decoder, out);
  }
  // Newlines finish any pending body, then count as blank lines between frames.
  decoder.feed(std::string(5000, '\n') + encode_frame("final"));
  drain(decoder, out);
  ASSERT_FALSE(out.bodies.empty());
  EXPECT_EQ(out.bodies.back(), "final");
  EXPECT_EQ(decoder.buffered(), 0U);
}

}  // namespace
}  // namespace lw::protocol
