"""Read models: what coaches and athletes look at, read in a bounded number of statements."""
