#include "protocol/jsonrpc.h"

#include <gtest/gtest.h>

namespace lw::protocol {
namespace {

// Returns a copy, so that binding the result of as<T>(parse_message(...)) is safe.
template <class T>
T as(const Message& m) {
  const T* value = std::get_if<T>(&m);
  if (value == nullptr) throw std::runtime_error("unexpected message kind");
  return *value;
}

TEST(JsonRpc, ErrorCodeValues) {
  EXPECT_EQ(static_cast<int>(ErrorCode::ParseError), -32700);
  EXPECT_EQ(static_cast<int>(ErrorCode::InvalidRequest), -32600);
  EXPECT_EQ(static_cast<int>(ErrorCode::MethodNotFound), -32601);
  EXPECT_EQ(static_cast<int>(ErrorCode::InvalidParams), -32602);
  EXPECT_EQ(static_cast<int>(ErrorCode::InternalError), -32603);
  EXPECT_EQ(static_cast<int>(ErrorCode::ServerNotInitialized), -32002);
  EXPECT_EQ(static_cast<int>(ErrorCode::RequestCancelled), -32800);
  EXPECT_EQ(static_cast<int>(ErrorCode::ContentModified), -32801);
}

TEST(JsonRpc, RequestWithIntegerAndStringIds) {
  const auto m = parse_message(R"({"jsonrpc":"2.0","id":7,"method":"initialize","params":{}})");
  const auto& r = as<Request>(m);
  EXPECT_EQ(r.id, Id{std::int64_t{7}});
  EXPECT_EQ(r.method, "initialize");
  EXPECT_TRUE(r.params.is_object());

  const auto s = parse_message(R"({"jsonrpc":"2.0","id":"abc","method":"shutdown"})");
  EXPECT_EQ(as<Request>(s).id, Id{std::string("abc")});
  EXPECT_TRUE(as<Request>(s).params.is_null());
}

TEST(JsonRpc, Notification) {
  const auto m = parse_message(R"({"jsonrpc":"2.0","method":"initialized","params":{}})");
  EXPECT_EQ(as<Notification>(m).method, "initialized");
  const auto exit = parse_message(R"({"jsonrpc":"2.0","method":"exit"})");
  EXPECT_TRUE(as<Notification>(exit).params.is_null());
}

TEST(JsonRpc, NullParamsAreTakenAsAbsent) {
  // eglot 1.9 sends `"params": null` with shutdown and exit.
  const auto shutdown =
      parse_message(R"({"jsonrpc":"2.0","id":3,"method":"shutdown","params":null})");
  EXPECT_TRUE(as<Request>(shutdown).params.is_null());
  const auto exit = parse_message(R"({"jsonrpc":"2.0","method":"exit","params":null})");
  EXPECT_TRUE(as<Notification>(exit).params.is_null());
}

TEST(JsonRpc, Responses) {
  const auto ok = parse_message(R"({"jsonrpc":"2.0","id":3,"result":null})");
  const auto& r = as<Response>(ok);
  ASSERT_TRUE(r.result.has_value());
  EXPECT_TRUE(r.result->is_null());
  EXPECT_FALSE(r.error.has_value());

  const auto err =
      parse_message(R"({"jsonrpc":"2.0","id":"x","error":{"code":-32601,"message":"nope"}})");
  const auto& e = as<Response>(err);
  ASSERT_TRUE(e.error.has_value());
  EXPECT_EQ(e.error->code, ErrorCode::MethodNotFound);
  EXPECT_EQ(e.error->message, "nope");
}

TEST(JsonRpc, InvalidJsonIsAParseError) {
  for (const char* body : {"", "{", "{\"jsonrpc\":", "nope", "{\"a\":1}}"}) {
    const auto& inv = as<InvalidMessage>(parse_message(body));
    EXPECT_EQ(inv.error.code, ErrorCode::ParseError) << body;
    EXPECT_FALSE(inv.id.has_value());
    EXPECT_TRUE(inv.reply);
  }
}

TEST(JsonRpc, ValidJsonThatIsNotAMessageIsInvalidRequestWithNullId) {
  for (const char* body :
       {"42", "\"str\"", "null", "[]", "[{\"jsonrpc\":\"2.0\",\"method\":\"x\"}]", "{}",
        R"({"jsonrpc":"2.0"})", R"({"jsonrpc":"2.0","id":1.5,"method":"x"})",
        R"({"jsonrpc":"2.0","id":{},"method":"x"})",
        R"({"jsonrpc":"2.0","id":null,"method":"x"})"}) {
    const auto& inv = as<InvalidMessage>(parse_message(body));
    EXPECT_EQ(inv.error.code, ErrorCode::InvalidRequest) << body;
    EXPECT_FALSE(inv.id.has_value()) << body;
    EXPECT_TRUE(inv.reply) << body;
  }
}

TEST(JsonRpc, BrokenRequestKeepsItsId) {
  const auto& bad_method =
      as<InvalidMessage>(parse_message(R"({"jsonrpc":"2.0","id":4,"method":5})"));
  EXPECT_EQ(bad_method.error.code, ErrorCode::InvalidRequest);
  EXPECT_EQ(bad_method.id, Id{std::int64_t{4}});

  const auto& bad_params =
      as<InvalidMessage>(parse_message(R"({"jsonrpc":"2.0","id":"q","method":"m","params":3})"));
  EXPECT_EQ(bad_params.id, Id{std::string("q")});

  const auto& no_version = as<InvalidMessage>(parse_message(R"({"id":1,"method":"m"})"));
  EXPECT_EQ(no_version.id, Id{std::int64_t{1}});
}

TEST(JsonRpc, BrokenNotificationGetsNoReply) {
  const auto& inv =
      as<InvalidMessage>(parse_message(R"({"jsonrpc":"2.0","method":"m","params":1})"));
  EXPECT_FALSE(inv.reply);
  const auto& resp = as<InvalidMessage>(parse_message(R"({"jsonrpc":"2.0","id":1})"));
  EXPECT_FALSE(resp.reply);
}

TEST(JsonRpc, Builders) {
  EXPECT_EQ(make_result(Id{std::int64_t{1}}, nullptr),
            json::parse(R"({"jsonrpc":"2.0","id":1,"result":null})"));
  EXPECT_EQ(make_error(std::nullopt, {ErrorCode::ParseError, "bad", {}}),
            json::parse(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}})"));
  EXPECT_EQ(make_error(Id{std::string("a")}, {ErrorCode::InvalidParams, "p", json(nullptr)}),
            json::parse(
                R"({"jsonrpc":"2.0","id":"a","error":{"code":-32602,"message":"p","data":null}})"));
  EXPECT_EQ(make_notification("exit", nullptr),
            json::parse(R"({"jsonrpc":"2.0","method":"exit"})"));
  EXPECT_EQ(make_request(Id{std::int64_t{2}}, "m", json::object()),
            json::parse(R"({"jsonrpc":"2.0","id":2,"method":"m","params":{}})"));
}

TEST(JsonRpc, SerializeReplacesInvalidUtf8) {
  const json message = make_notification("m", json{{"text", std::string("a\xff"
                                                                        "b")}});
  const std::string out = serialize(message);
  EXPECT_NE(out.find("a\xEF\xBF\xBD"
                     "b"),
            std::string::npos)
      << out;
}

TEST(JsonRpc, IdToString) {
  EXPECT_EQ(to_string(Id{std::int64_t{12}}), "12");
  EXPECT_EQ(to_string(Id{std::string("x")}), "\"x\"");
}

}  // namespace
}  // namespace lw::protocol
