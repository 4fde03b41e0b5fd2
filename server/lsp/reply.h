#pragma once
// Exactly one reply per request. A Reply is cheap to copy (handlers may hand it to later
// work); all copies share one state. Replying twice is logged and ignored; when the last copy
// goes away without a reply, an InternalError is sent so the client never waits forever.
#include <memory>
#include <string>

#include "protocol/jsonrpc.h"
#include "server/lsp/transport.h"

namespace lw::server {

class Reply {
 public:
  Reply(protocol::Id id, std::string method, Transport& transport);

  void result(protocol::json value) const;
  void error(protocol::ErrorCode code, std::string message) const;
  bool replied() const;
  const protocol::Id& id() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace lw::server
