# Personal data (152-ФЗ): what stands where a citizen's data was anonymised (shared/flows/privacy/).
# Stored in place of the data, so it must read well on a card, in an alert and in a report's excerpt.

# Stands for the citizen's name, in the incident and wherever staff texts (drafts, notes) named them.
privacy-erased-name = Заявитель
privacy-erased-text = 🔒 Текст удалён: персональные данные обезличены (152-ФЗ).
# What stands for a profile link, a quoted text or an id inside staff texts.
privacy-erased-fragment = [удалено]
