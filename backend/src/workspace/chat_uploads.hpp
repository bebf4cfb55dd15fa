// Files a browser sent with a chat message, kept in the bot's own data folder where nanobot keeps
// the uploads of its WebSocket channel: .nanobot/media/websocket/dashboard-<request id>/<name>.
// One folder per request keeps names of different messages apart; the media route serves them
// to the chat's readers, so the history can show them after the bot has long moved on.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "channel/attachments.hpp"

namespace nbdash::workspace {

// Writes every attachment; returns their paths relative to the data folder, in order. Throws
// std::system_error after removing what it wrote when any write fails.
std::vector<std::string> store_chat_uploads(const std::filesystem::path& data_dir,
                                            const std::string& request_id,
                                            const std::vector<channel::Attachment>& attachments);

// Reads back what store_chat_uploads wrote for a request, in order, never following a link the
// bot may have planted in its folder. Throws when a file is gone, unsafe or larger than any
// attachment may be.
std::vector<channel::Attachment> read_chat_uploads(
    const std::filesystem::path& data_dir, const std::string& request_id,
    const std::vector<channel::StoredAttachment>& files);

// Removes the upload folder of a request (a message that could not be recorded).
void remove_chat_uploads(const std::filesystem::path& data_dir, const std::string& request_id);

}  // namespace nbdash::workspace
