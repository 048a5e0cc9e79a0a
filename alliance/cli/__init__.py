"""The `alliance` command's administrative half and what its commands share."""
