"""Writers: Parquet shards, rejects, manifest and the dataset card."""
