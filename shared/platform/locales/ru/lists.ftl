# /my, /overdue and /find pages, /card, and /cancel of a pending input. HTML parse mode where it is a list: values are escaped by the code.

list-line-linked = { $number } · { $when }
    «{ $text }»
list-page = Страница { $page } из { $pages }
list-previous = ◀
list-next = ▶
list-position = { $page } / { $pages }

card-usage = Напишите номер сообщения: /card 42
card-not-found = Сообщения №{ $id } нет или оно вам недоступно.
card-on-its-way = Карточка сообщения №{ $id } придёт сюда через несколько секунд.
card-private-only = Карточку по номеру показываю только в личном чате. Напишите мне /card { $id } в личные сообщения.

cancel-none = Сейчас я ничего от вас не жду.
cancel-done = Отменено: { $what } по сообщению №{ $id }.
cancel-choose = Я жду от вас несколько ответов. Что отменить?
cancel-all = Отменить всё
cancel-all-done = Отменено всё, чего я от вас ждал ({ $count }).
cancel-gone = Это уже отменено или сделано.
input-what-return_note = пояснение для куратора
input-what-rework_comment = замечание к проекту
input-what-edited_text = исправленный текст ответа
input-what-draft = проект ответа
input-what-part = часть ответа
input-what-repeat_number = номер повторного сообщения
input-which = Я жду от вас ответа по нескольким сообщениям. Ответьте (reply) на мой вопрос по нужному сообщению или отмените лишнее: /cancel
input-forwarded = Пересланное сообщение не принимаю как ответ: напишите текст сами. Отменить ожидание: /cancel
ask-placeholder = Ответ по сообщению №{ $id }
