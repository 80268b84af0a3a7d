"""Land and premises (宗地, 标准厂房): parcels read and checked, zone land indicators, idle and inefficient
land found, 盘活 counted, and the map's simplified GeoJSON. The engine modules here are pure (no Django)."""
