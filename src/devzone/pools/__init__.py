"""Cultivation pools (培育库) and qualification tiers (高企, 科技型, 创新型, 专精特新, 小巨人, …)."""
