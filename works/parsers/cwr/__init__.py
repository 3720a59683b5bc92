"""CISAC CWR 2.1 and 2.2: layouts, records, transactions. No ORM."""
