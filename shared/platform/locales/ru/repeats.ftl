# Repeats and reopening, on the curator's card.

btn-repeat = 🔁 Это повтор…
btn-repeat-candidate = №{ $id } · { $date } · { $text }
btn-repeat-number = 🔢 Ввести номер
btn-reopen = 🔄 Открыть снова
btn-reopen-repeat = 🔁 Автор написал повторно
btn-reopen-author_disagreed = 🙅 Автор не согласен с ответом
ask-repeat-number = Сообщение №{ $id }: повтором какого сообщения оно является? Пришлите номер ответом на это сообщение, например 42.
repeat-number-invalid = Нужен номер сообщения цифрами, например 42. Пришлите ещё раз.
repeat-not-found = Сообщения №{ $id } нет. Проверьте номер и пришлите ещё раз.
repeat-linked = Сообщение №{ $id } отмечено как повтор №{ $earlier }: в ответе нужно сообщить о принятых мерах.
reopened = Сообщение №{ $id } открыто снова и ждёт направления.
card-repeat-of = 🔁 Повтор сообщения №{ $id }: в ответе — о принятых мерах
card-reopened = 🔄 Открыто снова: { $cause }{ $note }
reopen-cause-repeat = автор написал повторно
reopen-cause-author_disagreed = автор не согласен с ответом
