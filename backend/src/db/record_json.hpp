// The JSON shape of stored records, shared by the HTTP API and the live frames (docs/api.md).
#pragma once

#include "common/json.hpp"
#include "db/bot_store.hpp"
#include "db/chat_store.hpp"
#include "db/event_store.hpp"
#include "db/image_store.hpp"

namespace nbdash::db {

Json to_json(const BotRecord& bot);
Json to_json(const MessageRecord& message);
Json to_json(const EventRecord& event);
Json to_json(const ImageRecord& image);

}  // namespace nbdash::db
