# The incident's story, «🗂 Ход работы» (shared/staffchat/cards/story.ts): one line per step, oldest first.
# $when — local date and time; $who — who did it (a staff member's name, «система» or the author).
btn-story = 🗂 Ход работы
btn-full-text = 📄 Показать полностью
story-title = 🗂 Сообщение №{ $id }: ход работы
story-system = система
story-detected = { $when } · 🆕 поступило ({ $network })
story-triaged = { $when } · 🏷 { $who }: тема { $topics }, место { $location }{ $extra }
story-rejected = { $when } · 🚫 { $who }: не подлежит обработке ({ $reason })
story-routed = { $when } · ➡️ { $who }: направлено — { $departments }
story-appointed = { $when } · 👑 { $who }: ответственный — { $department }
story-taken = { $when } · 🙋 { $executor } ({ $department }): взято в работу
story-returned = { $when } · ↩️ { $who } ({ $department }): возвращено куратору — «{ $note }»
story-part = { $when } · 🧩 { $who } ({ $department }): часть ответа
story-draft = { $when } · 📝 { $who } ({ $department }): { $kind }, версия { $number } — на согласование{ $attachments ->
    [0] {""}
   *[other] , вложений: { $attachments }
}
story-approved = { $when } · ✅ { $who }: версия { $number } утверждена
story-approved-edited = { $when } · 📝 { $who }: версия { $number } исправлена и утверждена
story-rework = { $when } · ✏️ { $who }: версия { $number } на доработку — «{ $note }»
story-published = { $when } · 📤 опубликовано: { $kind }, версия { $number }
story-clarified = { $when } · 💬 автор ответил на запрос уточнения
story-repeat = { $when } · 🔁 { $who }: повтор сообщения №{ $earlier }
story-author-added = { $when } · ➕ автор дополнил сообщение
story-author-edited = { $when } · ✏️ автор изменил сообщение
story-author-deleted = { $when } · 🗑 сообщение удалено
story-closed = { $when } · 🏁 { $who }: закрыто — { $outcome }
story-reopened = { $when } · 🔄 { $who }: возобновлено — { $cause }
story-reassigned = { $when } · 🔀 { $who }: передано — { $executor } ({ $department })
story-removed = { $when } · 🚪 { $name } выбыл(а) — { $cause }
full-text-title = 📄 Сообщение №{ $id }: { $kind }, версия { $number }, полный текст{ $part ->
    [0] {""}
   *[other] {" "}(часть { $part } из { $parts })
}:
