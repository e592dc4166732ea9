"""The example series: a finished three-workshop HyvänMitta training plan on an invented topic,
so that a newcomer sees every view and every export before running a workshop of their own."""
