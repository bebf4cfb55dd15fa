// The frames that carry a turn's text to browsers (chat_delta, chat_reasoning, chat_progress),
// written straight to text: a bot streaming hundreds of deltas a second would otherwise build and
// dump a Json object per delta. The bytes are what dump_json writes for
// {"bot_id":…,"request_id":…,"text":…,"type":…} (keys sorted), the shape append_delta joins.
#pragma once

#include <string>
#include <string_view>

namespace nbdash::realtime {

std::string chat_text_frame(std::string_view type, std::string_view bot_id,
                            std::string_view request_id, std::string_view text);

}  // namespace nbdash::realtime
