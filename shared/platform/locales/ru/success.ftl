# Sobolevo п.23: success stories covered in the media (bots/telegram/features/success.ts).
# The curator or the head marks an answered message; the link is asked for in the private chat.
btn-success-mark = 🌟 История успеха
btn-success-unmark = ✖️ Снять «Историю успеха»
ask-success-link = 🌟 Сообщение №{ $id }: пришлите в ответ ссылку на публикацию в СМИ или соцсетях региона (или где и когда освещено) — решение будет учтено как успешная практика (п.23 Положения).
input-what-success_link = ссылка на историю успеха
input-done-success = 🌟 Сообщение №{ $id } отмечено как история успеха.
toast-success-unmarked = Отметка «История успеха» снята
card-success = 🌟 История успеха: { $link }
story-success-marked = { $when } · 🌟 { $who }: история успеха — { $link }
story-success-unmarked = { $when } · 🌟 { $who }: отметка «история успеха» снята
refusal-not_success_story = Сообщение не отмечено как история успеха.
