#pragma once
// Where the server's outgoing messages go. StdioTransport writes frames to stdout; tests use
// an in-memory transport. Implementations must accept send() from any thread and write each
// message whole (never interleaved with another).
#include <nlohmann/json.hpp>

namespace lw::server {

class Transport {
 public:
  virtual ~Transport() = default;
  virtual void send(const nlohmann::json& message) = 0;
};

}  // namespace lw::server
