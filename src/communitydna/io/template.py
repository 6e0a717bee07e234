def write_template(path: object) -> None:  # placeholder
    raise NotImplementedError
