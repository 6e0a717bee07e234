"""Network pages, one module per thing a user works on."""
