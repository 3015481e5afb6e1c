"""The WSGI entry point for production servers (the Procfile's `web`).

Built with `gunicorn --preload`, the app and the NLU model load once in the master process and every
worker shares them, so no resident's first message waits for the model to load.
"""

from intake import create_app
from intake.nlu.default import warm_up

app = create_app()
warm_up(app.extensions["intake"].conversations.classify)
