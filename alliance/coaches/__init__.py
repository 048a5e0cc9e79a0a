"""A coach's own view (/mystats): counts, trends and patterns of their own ratings."""
