// Deeply nested JSON is refused before it is parsed: nlohmann::json copies, compares and
// serialises recursively, and a 200 KB message of 100,000 nested arrays crashed the server
// with a stack overflow (copying "params" in classify_message).
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "protocol/jsonrpc.h"

namespace lw::protocol {
namespace {

std::string nested(std::size_t depth, char open = '[', char close = ']') {
  return std::string(depth, open) + std::string(depth, close);
}

TEST(JsonNesting, DepthSkipsStrings) {
  EXPECT_EQ(json_nesting_depth(""), 0U);
  EXPECT_EQ(json_nesting_depth("42"), 0U);
  EXPECT_EQ(json_nesting_depth("{}"), 1U);
  EXPECT_EQ(json_nesting_depth(R"({"a":[1,{"b":[]}],"c":{}})"), 4U);
  EXPECT_EQ(json_nesting_depth(R"(["[[[[", "\"[[[", "\\", "{{"])"), 1U);
  EXPECT_EQ(json_nesting_depth(nested(1000, '{', '}')), 1000U);
  EXPECT_EQ(json_nesting_depth("]]]][["), 2U);  // not JSON: an estimate, no underflow
}

TEST(JsonNesting, DeepMessagesAreAParseError) {
  for (const std::size_t depth : {std::size_t{513}, std::size_t{100000}, std::size_t{1000000}}) {
    const std::string body =
        R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":[)" + nested(depth) + "]}";
    const Message message = parse_message(body);
    const auto* invalid = std::get_if<InvalidMessage>(&message);
    ASSERT_NE(invalid, nullptr) << depth;
    EXPECT_EQ(invalid->error.code, ErrorCode::ParseError);
    EXPECT_TRUE(invalid->reply);
    EXPECT_FALSE(invalid->id);
  }
}

TEST(JsonNesting, UpToTheLimitIsAccepted) {
  const std::string body =
      R"({"jsonrpc":"2.0","method":"x","params":)" + nested(kMaxJsonNesting - 1) + "}";
  const Message message = parse_message(body);
  ASSERT_TRUE(std::holds_alternative<Notification>(message));
  EXPECT_FALSE(serialize(std::get<Notification>(message).params).empty());
}

}  // namespace
}  // namespace lw::protocol
