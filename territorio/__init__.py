"""Territorio: a dbt + DuckDB warehouse reproducing the 2009 Territorio Chile public-management
study from coded questionnaire microdata (``python -m territorio.build`` builds it)."""
