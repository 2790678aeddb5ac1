"""Platform adapters and the composition root: the only place chat SDKs are imported."""
