# Around ingest (issue 5): repeats, bursts, edits and deletions, hand-registered messages.

# A suggestion on the curators' card: the same author wrote on a similar subject before.
card-repeat-suggested = 🔁 Похоже на повтор №{ $id } от { $date }. Решите, связать ли их.
# One more message of the same author in the same thread, joined to this incident.
card-burst-more = ➕ Ещё сообщение, { $time }:
card-burst-hidden = … и ещё сообщений: { $count } (полностью — по ссылке на оригинал)
card-message-edited = ✏️ изменено автором
card-message-deleted = 🗑 комментарий удалён автором
card-message-deleted-by-staff = 🗑 комментарий удалён модератором
card-channel-post = 📢 <a href="{ $url }">Пост в канале</a>
