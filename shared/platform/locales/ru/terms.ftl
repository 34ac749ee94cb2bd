# Importance levels, extensions of the term (Камчатка 2.5) and agreed or shortened terms (Завитинск п.8,
# Иваново п.7, Соболево п.18, Камчатка 2.6): buttons, card lines, questions, toasts and refusals.

importance-normal = обычная
importance-high = высокая
importance-local-fast = ускоренная (региональная категория, 14 дней)
btn-importance = Важность: { $level }
card-importance = ❗ важность: { $level }

# The curator's (or the head's) term for one message.
term-days = { $amount } { $amount ->
    [one] день
    [few] дня
   *[many] дней
}
term-hours = { $amount } { $amount ->
    [one] час
    [few] часа
   *[many] часов
}
btn-term-open = ⏱ Срок ответа: { $term }
btn-term-default = обычный
btn-term-amount = ⏱ { $term }
btn-term-clear = Обычный срок
card-term = ⏱ Срок ответа: { $term } (установил(а) { $role })
toast-term-agreed = Срок ответа: { $term }

# The executor asks the coordinator for more time; the coordinator grants days or refuses.
btn-extension-request = ⏳ Запросить продление
btn-extension-grant = +{ $days } дн.
btn-extension-refuse = ✖️ Отказать в продлении
ask-extension-reason = ⏳ Сообщение №{ $id }: напишите в ответ, почему нужно продлить срок — координатор увидит комментарий.
input-done-extension = ⏳ Запрос продления по сообщению №{ $id } отправлен координатору.
card-extension-requested = ⏳ Запрошено продление срока: «{ $reason }»
card-extension-granted = ⏳ Срок продлён на { $days } дн. (всего можно { $max } дн.)
toast-extension-granted = Срок продлён на { $days } дн.
toast-extension-refused = В продлении отказано

refusal-unknown_importance = Такой важности нет в регламенте организации.
refusal-extension_pending = Запрос продления уже отправлен, ждём решения координатора.
refusal-no_extension_request = Продление никто не запрашивал, или по запросу уже решили.
refusal-extension_exhausted = Срок уже продлён на весь допустимый период.
refusal-extension_too_long = Столько дней дать нельзя: вместе с прежними продлениями это больше, чем позволяет регламент.
refusal-term_out_of_bounds = Срок должен быть в пределах, которые задаёт регламент.
refusal-term_not_for_importance = Свой срок ставится только сообщениям с отметкой «важное» (фаст-трек).
