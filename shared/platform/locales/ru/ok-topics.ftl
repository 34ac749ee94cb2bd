# Comments under the OK group's topics (shared/networks/ok/topics.ts): their replies are posted by hand.

card-publish-manual-copy = 📋 Текст ответа (нажмите на него, чтобы скопировать):
