"""What everything stands on: settings, the database and its model, migrations, time, logs, audit,
texts.
"""
