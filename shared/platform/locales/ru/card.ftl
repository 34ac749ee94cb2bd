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
# The author as staff see them where the organisation keeps citizens' identity out of the staff messenger (privacy.staffSeesAuthor: false).
author-hidden = Житель ({ $network })
card-text-empty = (без текста)
card-text-folded = … (ещё { $more } симв.)
card-attachments = 📎 Вложения: { $count }
card-link = 🔗 <a href="{ $url }">Открыть оригинал</a>
card-detected = 🕒 Выявлено { $when }

status-triaged = 🏷 разобрано, ждёт направления
status-rejected = 🚫 не подлежит обработке
status-forwarded = ↪️ переслано по компетенции
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
card-forwarded = ↪️ Переслано по компетенции: { $body } — «{ $reason }»
card-rating = { $stars } Оценка автора: { $score } из 5
card-routing = 🏢 { $departments }
card-responsible = { $name } (отв.)
card-returned = ↩️ { $department } вернул: «{ $note }»
card-draft = 📝 { $kind }, версия { $number }:
card-holders = 👉 Ждём: { $holders }
card-choice = 💡 { $choice }
card-choice-none = не выбрано
card-choice-topics = тема: { $topics }
card-choice-location = место: { $location }
card-choice-departments = куда: { $departments }
# $mark — the deadline's mark below; lists say how much is left (true when sent), cards only the absolute due (redrawn at each mark).
card-deadline = { $mark } { $timer } до { $when }, осталось { $left }
card-deadline-missed = { $mark } { $timer } до { $when } — просрочено на { $late }
card-deadline-running = { $mark } Срок: { $timer } до { $when }
card-deadline-hot = { $mark } Срок: { $timer } до { $when } — осталось { $hot } мин или меньше
card-deadline-overdue = { $mark } Срок истёк: { $timer } до { $when }
deadline-mark-running = ⏳
deadline-mark-hot = 🔥
deadline-mark-overdue = ⛔

reject-abuse = оскорбления
reject-obscenity = нецензурная брань
reject-threat = угрозы жизни, здоровью, имуществу должностного лица или его семьи
reject-other = иное
reject-harm_intent = намерение причинить вред другому лицу
reject-threat_life_health = угрозы жизни и здоровью

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
