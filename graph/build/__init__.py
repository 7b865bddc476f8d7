"""The build: files -> records (cache, process pool, Dask) -> graph -> outputs, with progress."""
