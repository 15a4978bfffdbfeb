"""Lint and diff on a Dask cluster (the extra ``trialint[dask]``).

A registry's history is too large for one machine: AACT's monthly archives alone are 120
snapshots of 560,000 studies. Institutions that study it already run clusters, so trialint
runs on an existing engine rather than growing its own: ``dask.distributed``. The local
process pool stays the default; ``--scheduler ADDRESS`` (or ``client=`` in the Python API)
sends the work to a running scheduler instead.

The client only lists and partitions the inputs (paths, zip members, fsspec URLs), never
reading their contents; the workers read them from a location they share, check them with the
same configuration, rules, baseline and reference date, and send the findings or the diff's
events back or write them to a dataset (``dataset``). Nothing here is imported by a run that
does not use a cluster.
"""
