"""Teachers' reports over many students' progress exports: ``powerquiz class report``.

Pure core: plain data in (the exports as :class:`ClassExport`, the bank, the time), plain
data out (:class:`ClassReport`); :mod:`powerquiz.reports.loading` reads export files,
never writing to them.
"""

from powerquiz.reports.build import FLAGS, ClassReport, class_report
from powerquiz.reports.fingerprint import fingerprint
from powerquiz.reports.students import ClassExport

__all__ = ["FLAGS", "ClassExport", "ClassReport", "class_report", "fingerprint"]
