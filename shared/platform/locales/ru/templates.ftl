# Answer templates (/templates) and the citizens' acknowledgement (/receipt): bots/telegram/features/templates.ts.

templates-private-only = Шаблоны и текст уведомления настраиваются в личном чате с ботом: откройте его и отправьте команду там.
templates-title = 📋 Шаблоны ответов: { $count }
templates-empty = 📋 Шаблонов ответов пока нет. Нажмите «➕ Новый шаблон».
templates-line = { $n }. «{ $title }» — { $topic }
templates-any-topic = любая тема
templates-variables = Переменные подставляются из сообщения: { "{" }имя{ "}" } — имя автора, { "{" }номер{ "}" } — номер сообщения, { "{" }дата{ "}" } — дата сообщения, { "{" }срок{ "}" } — срок ответа, { "{" }тема{ "}" }, { "{" }место{ "}" }.
btn-template-new = ➕ Новый шаблон
btn-template-edit = ✏️ { $title }
btn-template-delete = 🗑
btn-template-any-topic = Для любой темы
btn-page-back = « Назад
btn-page-next = Дальше »
template-choose-topic = Для какой темы новый шаблон? Исполнители этой темы увидят его первым.
template-ask-new = Новый шаблон ({ $topic }). Ответьте на это сообщение: первая строка — название шаблона, со второй — его текст.
template-ask-edit = Новый текст шаблона «{ $title }» — ответьте на это сообщение. Сейчас он такой:
template-saved = ✅ Шаблон «{ $title }» сохранён.
template-edited = ✅ Шаблон «{ $title }» изменён.
template-deleted = Шаблон «{ $title }» удалён
template-stale = Шаблон тем временем изменили или удалили. Откройте /templates заново.
template-no-title = Нужны две части: в первой строке название, со второй строки — текст шаблона.
template-title-too-long = Название длиннее { $max } знаков: сократите первую строку.
template-ask-again = Исправьте и пришлите текст ещё раз ответом на это сообщение.
template-problem-empty = Текст пустой.
template-problem-too_long = Текст длиннее { $max } знаков.
template-problem-unbalanced = Фигурная скобка без пары: переменную пишут в скобках, например { "{" }имя{ "}" }.
template-problem-unknown = Неизвестные переменные: { $names }. Можно использовать: { $allowed }.
template-problem-missing = В тексте уведомления обязательно нужны: { $names }.
template-curators-only = Шаблоны ведут кураторы.

# The executor picking a template while drafting.
btn-draft-templates = 📋 Шаблоны
draft-templates-title = 📋 Шаблоны для ответа на сообщение №{ $id }; сначала — по теме сообщения. Выберите, затем поправьте текст.
draft-templates-none = Шаблонов пока нет: их заводят кураторы командой /templates.
draft-template-gone = Этого шаблона больше нет: выберите другой.
draft-template-filled = Текст из шаблона «{ $title }» — в проекте ответа. Чтобы поправить, скопируйте его, измените и пришлите мне; или отправьте на согласование как есть.
draft-template-missing = ⚠️ Не удалось подставить: { $names } — впишите сами.
# The organisation keeps citizens' names out of the staff messenger (privacy.staffSeesAuthor: false).
draft-template-name-hidden = Имя жителя в рабочем мессенджере не показывается (так настроено в файле организации): начните ответ без имени, например «Здравствуйте!».

# The citizens' acknowledgement (/receipt).
receipt-title = 📨 Уведомление гражданину о регистрации сообщения
receipt-explain = После того как куратор направит сообщение в подразделение, автор получит в той же ветке короткое уведомление: номер сообщения и когда ждать ответа. Текст утверждает { $approver }; без утверждённого текста уведомления не отправляются.
receipt-enabled = Включено в файле организации (acknowledgement.enabled).
receipt-disabled = Выключено в файле организации: чтобы включить, администратор ставит acknowledgement.enabled: true.
receipt-approved = Утверждённый текст ({ $who }, { $when }):
receipt-none-approved = Утверждённого текста нет — уведомления не отправляются.
receipt-proposed = На утверждении (предложил { $who }):
receipt-variables = В тексте обязательны { "{" }номер{ "}" } и { "{" }срок{ "}" }; можно { "{" }дата{ "}" }. Имя автора не подставляется.
btn-receipt-propose = ✏️ Предложить текст
btn-receipt-approve = ✅ Утвердить предложенный текст
receipt-ask = Текст уведомления гражданину — ответьте на это сообщение. Например: Ваше сообщение зарегистрировано под №{ "{" }номер{ "}" }. Ответ будет дан до { "{" }срок{ "}" } (по местному времени).
receipt-proposed-done = Текст предложен. Утвердить его может { $approver }: команда /receipt.
receipt-approved-done = Текст уведомления утверждён
receipt-stale = Это предложение уже утверждено или заменено новым. Откройте /receipt заново.
receipt-not-allowed = Предлагать текст уведомления могут кураторы, утверждать — { $approver }.
