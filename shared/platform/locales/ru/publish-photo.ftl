# A reply with its photo left out, because the network takes none there (shared/flows/publish/media.ts, shared/staffchat/cards/render.ts).

card-photo-text-only = 📷 Фото не уйдёт с ответом. { $reason }

card-published-text-only = ℹ️ Опубликован только текст, фото не приложено. { $reason }
card-photo-unsupported = Эта сеть не принимает фото в таком ответе.
