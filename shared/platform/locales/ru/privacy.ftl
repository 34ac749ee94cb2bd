# Personal data (152-ФЗ): what stands where a citizen's data was anonymised (shared/flows/privacy/).
# Stored in place of the data, so it must read well on a card, in an alert and in a report's excerpt.

# Stands for the citizen's name, in the incident and wherever staff texts (drafts, notes) named them.
privacy-erased-name = Заявитель
privacy-erased-text = 🔒 Текст удалён: персональные данные обезличены (152-ФЗ).
# What stands for a profile link, a quoted text or an id inside staff texts.
privacy-erased-fragment = [удалено]

# /privacy in the staff bot (admins, private chat): a citizen's request about their data.
privacy-cmd-usage =
    Запрос гражданина о его персональных данных (152-ФЗ):
    /privacy export СЕТЬ ID [номер запроса] — выгрузить всё, что хранится об авторе (файл JSON);
    /privacy erase СЕТЬ ID [номер запроса] — удалить (обезличить) его данные.
    СЕТЬ: { $networks }. ID — идентификатор автора в соцсети (число из ссылки на профиль).
privacy-cmd-admin-only = Эта команда только для администраторов «Отклика».
privacy-cmd-private-only = Запросы о персональных данных — только в личном чате с ботом.
privacy-export-caption = Данные автора { $network } id{ $id }: сообщений — { $incidents }, исходных событий — { $events }. Передайте файл гражданину и удалите его из этого чата.
privacy-export-cli-only = Выгрузка данных автора через рабочий мессенджер отключена: в файле организации указано privacy.staffSeesAuthor: false. Выполните на сервере: otklik privacy export --network СЕТЬ --author ID --out ФАЙЛ.json
privacy-erase-nothing = Об авторе { $network } id{ $id } ничего не хранится.
privacy-erase-confirm =
    Будут обезличены данные автора { $network } id{ $id }: сообщений — { $incidents } ({ $list }), исходных событий — { $events }. Отменить это нельзя.
    Чтобы удалить, отправьте:
    <code>{ $command }</code>
privacy-erase-done = Данные автора { $network } id{ $id } обезличены: сообщений — { $incidents }, исходных событий — { $events }. Карточки в рабочих чатах бот исправит сам.
