// Files a browser attaches to a chat message, checked against what a nanobot gateway accepts on
// its WebSocket channel (typed `message.media`): images png/jpeg/webp/gif, one video
// mp4/webm/quicktime, documents (pdf, Office, text formats); at most 4 images and documents,
// 6 MiB each and 24 MiB together, one video of up to 20 MiB; SVG refused. The dashboard's own
// per-file limit (setting chat.upload_max_bytes) applies on top. Refusing here gives the user a
// clear answer instead of an `attachment_rejected` frame arriving mid-conversation.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "common/json.hpp"

namespace nbdash::channel {

inline constexpr std::size_t kMaxDocumentAttachments = 4;  // images and documents together
inline constexpr std::size_t kMaxVideoAttachments = 1;
inline constexpr std::size_t kMaxDocumentBytes = 6 * 1024 * 1024;
inline constexpr std::size_t kMaxDocumentTotalBytes = 24 * 1024 * 1024;
inline constexpr std::size_t kMaxVideoBytes = 20 * 1024 * 1024;

struct Attachment {
    std::string name;   // sanitised, unique within the message
    std::string mime;   // lower case, without parameters
    std::string bytes;  // decoded content
};

// An attachment once stored in the bot's upload folder: what is needed to read it back.
struct StoredAttachment {
    std::string name;
    std::string mime;
};

// The largest body a send needs: max_text_bytes of text, JSON-escaped at worst (a control byte
// becomes six, \u0001), and attachments at their largest under max_file_bytes and the limits
// above, base64-encoded, with room for their names and the JSON around them. A bigger body is
// refused before it is read.
std::size_t max_message_body_bytes(std::size_t max_text_bytes, std::size_t max_file_bytes);

// Checks and decodes `[{"name","mime","data"}]`. Throws ApiError: 400 for a malformed list, a
// type nanobot refuses or bad base64; 413 for a file over the size limits. Nothing is written.
std::vector<Attachment> parse_attachments(const Json& list, std::size_t max_file_bytes);

// The MIME type in canonical form when nanobot accepts it, else an empty string.
std::string accepted_mime(const std::string& mime);

// A plain file name: no folders, no leading dots, only letters, digits, '.', '-', '_' (others
// become '_'), at most 100 bytes; an extension for the type is added when the name has none.
std::string sanitise_file_name(const std::string& name, const std::string& mime);

// `data:<mime>;base64,<payload>` as nanobot's `media[].data_url` expects it.
std::string data_url(const Attachment& attachment);

}  // namespace nbdash::channel
