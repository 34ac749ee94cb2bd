# Timers: reminders before a deadline, a missed deadline, the escalation to duty officers.
# $id — the message number; $timer — the stage (timer-* in card.ftl); $when — the due, local time;
# $left / $late — how long until / since; $holder — who holds it.

timer-reminder = ⏰ Напоминание: сообщение №{ $id } — { $timer } до { $when }, осталось { $left }. Сейчас у: { $holder }.
timer-due = 🔥 Срок истёк: сообщение №{ $id } — { $timer } до { $when }. Сейчас у: { $holder }.
timer-escalation = 🚨 Эскалация: сообщение №{ $id } — { $timer }, срок был { $when }, просрочено на { $late }. Сейчас у: { $holder }.
timer-holder-curator = кураторы
timer-holder-head = руководитель
timer-holder-duty = дежурные
timer-holder-executor = исполнитель
timer-holder-responsible = ответственный исполнитель
timer-holder-co-executor = соисполнитель
timer-holder-untaken = { $department } (не взято в работу)

timer-btn-take = 🙋 Взять себе
timer-btn-reassign = ➡️ { $name }
timer-taken-over = Сообщение №{ $id } передано: { $name }.
timer-take-not-executor = Взять себе может исполнитель этого подразделения; выберите исполнителя кнопкой ниже.

# /away
away-usage =
    Отсутствие: /away С ПО ЗАМЕСТИТЕЛЬ, например /away 25.11 01.12 Морозов
    (даты включительно; заместитель — фамилия, имя и фамилия или id коллеги в мессенджере).
    Пока вас нет, ваши напоминания и сроки получит заместитель. Отменить: /away off
away-bad-date = Не понял дату «{ $text }». Пишите ДД.ММ, ДД.ММ.ГГГГ или ГГГГ-ММ-ДД, например 25.11.
away-backwards = Дата окончания раньше даты начала.
away-past = Этот период уже прошёл.
away-unknown-substitute = Не нашёл сотрудника «{ $text }». Укажите фамилию, имя и фамилию или id коллеги в мессенджере из списка сотрудников.
away-ambiguous-substitute = «{ $text }» подходит нескольким: { $names }. Уточните имя или укажите id в мессенджере.
away-self = Заместителем не может быть сам отсутствующий.
away-set = Отмечено: вас нет с { $from } по { $to } включительно. Напоминания и сроки получит { $name }. Отменить: /away off
away-none = Отсутствие не отмечено. { away-usage }
away-current = Вас нет с { $from } по { $to } включительно; заместитель — { $name }. Отменить: /away off
away-cleared = Отсутствие отменено: напоминания снова приходят вам.
away-not-set = Отсутствие не было отмечено.
away-pending = Запрос отправлен: { $name } станет вашим заместителем с { $from } по { $to } включительно, когда согласится. До тех пор напоминания приходят вам. Отменить: /away off
away-pending-unsent = Запрос записан, но сообщить о нём не удалось: { $name } ещё не писал(а) мне. Попросите коллегу написать мне /away принять. До тех пор напоминания приходят вам.
away-current-pending = Вас нет с { $from } по { $to } включительно; заместитель — { $name }, но его согласие ещё не получено, и напоминания пока приходят вам. Отменить: /away off
away-request =
    Коллега { $name } просит вас о замене с { $from } по { $to } включительно: на это время напоминания и сроки коллеги будут приходить вам.
    Согласиться: /away принять { $id }
away-accepted = Вы согласились заменять коллегу с { $from } по { $to } включительно: { $name }.
away-accepted-notice = Заместитель { $name } согласен: с { $from } по { $to } включительно напоминания и сроки получит заместитель.
away-nothing-to-accept = Нет запросов, в которых вас просят о замене.
