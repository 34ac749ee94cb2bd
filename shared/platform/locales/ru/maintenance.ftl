# What the maintenance commands tell the administration's IT staff (shared/cli/commands: backup, restore, migrate).
backup-usage = Использование: otklik backup --out ФАЙЛ   (например, --out /var/backups/otklik/otklik-2026-12-05.backup.gz)
backup-written = Резервная копия записана: { $file } (таблиц: { $tables }, строк: { $rows }, миграций: { $migrations }).
restore-usage = Использование: otklik restore ФАЙЛ   (в пустую базу: новый OTKLIK_DATA_DIR или новая база в DATABASE_URL)
restore-done = Восстановлено из копии от { $createdAt }: таблиц { $tables }, строк { $rows }. Запустите Otklik: сроки и карточки восстановятся при старте worker.
restore-nothing = otklik restore: ничего не восстановлено: { $reason }
migrate-applied = Миграции применены.
migrate-none = База уже в актуальной схеме: новых миграций нет.
migrate-pending = Будет применено миграций: { $count }. Перед обновлением сделайте резервную копию (otklik backup).
