# The draft preview's "photo or video will come" switch (the draft check photo_missing).

btn-draft-photo-off = 📷 Будет фото/видео: нет
btn-draft-photo-on = 📷 Будет фото/видео: да
