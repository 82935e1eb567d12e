"""OpenAI adapters: story writer (`writer`), illustrator (`illustrator`), moderator
(`moderator`), the client (`client`) and the start-up models check (`models_check`).

Used when OPENAI_API_KEY is set; the offline writer and illustrator serve otherwise. Nothing is
imported here: the openai library takes a second or more to import, which every process start
(serve, worker, migrate, check-config) would pay without a key.
"""
