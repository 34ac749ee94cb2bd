# A reply published without its photo, because the network takes none there (shared/cards/render.ts).

card-published-text-only = ℹ️ Опубликован только текст, фото не приложено. { $reason }
card-photo-unsupported = Эта сеть не принимает фото в таком ответе.
