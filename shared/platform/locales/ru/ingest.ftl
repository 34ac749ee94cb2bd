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

# A curator registered a message by hand (forwarded it, sent a link or a screenshot) in the private chat.
manual-registered = ✅ Принято: сообщение будет зарегистрировано, карточка появится в чате кураторов. Ответ на него публикуется вручную.
manual-registered-again = Это сообщение уже зарегистрировано.
manual-how = Чтобы зарегистрировать сообщение вручную, перешлите его мне, пришлите ссылку на него или скриншот (фото с подписью).
manual-source-forward = пересланное сообщение
manual-source-link = ссылка
manual-source-screenshot = скриншот
card-manual-source = 🖐 Зарегистрировано вручную ({ $source }), { $by }
