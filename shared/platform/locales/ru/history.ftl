# The draft's version history, for approvers (shared/staffchat/cards/history.ts).

btn-history = 📜 История версий ({ $count })
btn-history-older = ‹ Ранее
btn-history-newer = Позже ›
history-title = 📜 Сообщение №{ $id }: история проекта ответа, версий: { $count }
history-version = <b>Версия { $number }</b> · { $kind } · { $author }, { $department } · { $when }
history-version-current = <b>Версия { $number } (текущая)</b> · { $kind } · { $author }, { $department } · { $when }
history-photo-expected = 📷 Исполнитель обещал фото/видео.
history-rework = ✏️ На доработку — { $who }, { $when }: «{ $comment }»
history-approved = ✅ Утверждена — { $who }, { $when }
history-approved-edited = 📝 Исправлена и утверждена — { $who }, { $when }
history-published = 📤 Опубликована { $when }
history-page = Страница { $page } из { $pages }
card-last-rework = ✏️ Замечание к версии { $number }: «{ $comment }»
card-draft-checks-ok = Проверка: ✅ замечаний нет.
