# The live card of an incident, shown in staff chats. HTML parse mode: the renderer escapes every value.

network-vk = ВКонтакте
network-ok = Одноклассники
network-telegram = Telegram
network-manual = вручную

kind-direct = личное сообщение
kind-comment = комментарий
kind-reply = ответ на комментарий
kind-wall_post = предложенная запись
kind-board_post = обсуждение
kind-photo_comment = комментарий к фото
kind-video_comment = комментарий к видео

status-detected = 🆕 новое

card-title = <b>Сообщение №{ $id }</b> · { $network }, { $kind }
card-status = Статус: { $status }
card-author = 👤 { $author }
card-author-unknown = 👤 автор id{ $id }
card-text-empty = (без текста)
card-text-folded = … (ещё { $more } симв.)
card-attachments = 📎 Вложения: { $count }
card-link = 🔗 <a href="{ $url }">Открыть оригинал</a>
card-detected = 🕒 Выявлено { $when } ({ $zone })
