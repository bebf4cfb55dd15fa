#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "app_context.hpp"
#include "frame_sink.hpp"

namespace simbot {

// Acts on one inbound text frame of connection `conn`: attaches chats, answers errors on the
// same socket (never closing it), runs slash commands and starts or folds turns.
void route_frame(AppContext& app, const std::shared_ptr<FrameSink>& conn,
                 const std::string& default_chat, std::string_view text);

}  // namespace simbot
