"""Statistics for a student: the figures of ``powerquiz stats`` and fitted FSRS parameters.

Pure core: plain data in (bank, review log, cards, time, time zone), plain data out.
"""

from powerquiz.stats.params import Fitted, load_parameters, parameters_path, save_parameters
from powerquiz.stats.report import GONE, Report, StatsInput, build_report, wrong_feedback

__all__ = [
    "GONE",
    "Fitted",
    "Report",
    "StatsInput",
    "build_report",
    "load_parameters",
    "parameters_path",
    "save_parameters",
    "wrong_feedback",
]
