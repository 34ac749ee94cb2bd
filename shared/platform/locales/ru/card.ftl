# The live card of an incident, shown in staff chats. HTML parse mode: the renderer escapes every value.

network-vk = ВКонтакте
network-ok = Одноклассники
network-telegram = Telegram
network-max = MAX
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

status-triaged = 🏷 разобрано, ждёт направления
status-rejected = 🚫 не подлежит обработке
status-routed = ➡️ направлено исполнителю
status-returned = ↩️ возвращено куратору
status-awaiting_parts = 🧩 ждём части соисполнителей
status-in_work = 🛠 в работе
status-drafting = ✍️ готовится ответ
status-on_approval = ⏳ на согласовании
status-rework = ✏️ на доработке
status-approved = ✅ утверждено, публикуется
status-published_interim = 📨 дан промежуточный ответ
status-awaiting_clarification = ❓ ждём уточнения от автора
status-answered = 📨 ответ опубликован
status-closed = 🗂 закрыто

card-triage = 🏷 { $triage }
card-importance-high = ❗ высокая важность
card-significant = ⚠️ общественно значимое
card-rejected = 🚫 Не подлежит обработке: { $reason }
card-routing = 🏢 { $departments }
card-responsible = { $name } (отв.)
card-returned = ↩️ { $department } вернул: «{ $note }»
card-draft = 📝 { $kind }, версия { $number }:
card-holders = ⏳ Ждём: { $holders }
card-choice = 💡 { $choice }
card-choice-none = не выбрано
card-choice-topics = тема: { $topics }
card-choice-location = место: { $location }
card-choice-departments = куда: { $departments }
card-deadline = ⏰ { $timer } до { $when }, осталось { $left }
card-deadline-missed = 🔥 { $timer } до { $when } — просрочено на { $late }

reject-abuse = оскорбления
reject-obscenity = нецензурная брань
reject-threat = угрозы
reject-other = иное

draft-kind-answer = Проект ответа
draft-kind-interim = Промежуточный ответ
draft-kind-clarification = Запрос уточнения

timer-route = направить
timer-return = вернуть
timer-answer = ответ
timer-draft = проект ответа
timer-approval = согласовать
timer-rework = доработать
timer-publish = опубликовать
timer-final = окончательный ответ
timer-finalDraft = проект окончательного ответа
timer-coExecutor = часть соисполнителя
timer-clarification = запрос уточнения
timer-repeatCheck = проверить повтор

span-minutes = { $minutes } мин
span-hours = { $hours } ч
span-hours-minutes = { $hours } ч { $minutes } мин
span-days-hours = { $days } дн { $hours } ч

card-publishing = 📤 Публикуется…
card-published = 📨 Ответ опубликован.
card-published-link = 📨 Ответ опубликован: <a href="{ $url }">открыть</a>
card-publish-failed = ⚠️ Опубликовать не удалось: { $reason }
card-publish-manual = ✋ { $reason }
card-publish-unknown = причина неизвестна, см. журнал

outcome-resolved = решено
outcome-explained = разъяснено
outcome-in_progress = решается
outcome-not_resolved = не решено
card-outcome = 🗂 Итог: { $outcome }
card-parts = 🧩 Части соисполнителей: { $parts }

card-moderation = ⚠️ Похоже: { $categories } («{ $example }»). Решите, отклонить ли сообщение.
moderation-obscenity = нецензурная брань
moderation-insult = оскорбления
moderation-threat = угрозы
