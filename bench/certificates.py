"""Certificates (issue 6): PDF render time per certificate, and the streamed bulk ZIP for 1,000.

Figures on a noisy 2-core machine only mean something next to a baseline measured in the same run:
rendering is compared with a trivial WeasyPrint page, the bulk export (through the real admin route,
database batches, CSV and ZIP) with zipping the same bytes alone. Peak memory is tracemalloc's peak of
Python allocations while the ZIP streams, and the growth of the process's maximum resident size.

    python -m bench.certificates --certificates 1000 --renders 30
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

PASSWORD = "bench-password"


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def timed(action: Callable[[], object], times: int) -> list[float]:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def build(instance: Path, count: int):
    """A migrated instance, one shipped course, ``count`` pupils of one school, each with a certificate."""
    os.environ["MAHARAT_INSTANCE"] = str(instance)
    from flask_migrate import upgrade
    from sqlalchemy import insert, select
    from werkzeug.security import generate_password_hash

    from lms import create_app
    from lms.certificates import operations
    from lms.courses.models import Course
    from lms.courses.sync import sync_package
    from lms.extensions import db
    from lms.geo.models import Province, Region, School
    from lms.packages.loader import load_package
    from lms.users.models import Role, User
    from lms.users.operations import create_user

    app = create_app({"GRADING_QUEUE": "external", "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade(revision="heads")
        package, problems = load_package(
            Path(app.config["COURSES_DIR"]) / "sic-python-fundamentals", app.extensions["exercise_types"]
        )
        assert not problems, problems
        sync_package(package)
        region = db.session.scalar(select(Region).where(Region.code == "MA-06"))
        province = Province(
            code="B-CASA", name_fr="Préfecture de Casablanca", name_ar="عمالة الدار البيضاء", region=region
        )
        school = School(
            code="B-L001",
            name_fr="Lycée Ibn Battouta",
            name_ar="الثانوية التأهيلية ابن بطوطة",
            province=province,
        )
        db.session.add_all([province, school])
        admin = create_user(role=Role.ADMIN, email="admin@bench.ma", display_name="Admin", password=PASSWORD)
        db.session.flush()
        hashed = generate_password_hash(PASSWORD, method="scrypt")
        names = ["أمينة الإدريسي", "Salma Ouazzani", "Youssef El Amrani", "خديجة الفاسي"]
        db.session.execute(
            insert(User),
            [
                {
                    "email": f"pupil{i}@bench.ma",
                    "display_name": f"{names[i % 4]} {i}",
                    "password_hash": hashed,
                    "role": Role.STUDENT,
                    "language": ("ar", "fr", "en")[i % 3],
                    "school_id": school.id,
                    "session_token": f"t{i}",
                }
                for i in range(count)
            ],
        )
        db.session.commit()
        course = db.session.scalar(select(Course).where(Course.slug == "sic-python-fundamentals"))
        pupils = db.session.scalars(select(User).where(User.role == Role.STUDENT)).all()
        issue_samples = []
        for pupil in pupils:
            started = time.perf_counter()
            operations.issue_manually(pupil, course, admin, "bench")
            issue_samples.append(time.perf_counter() - started)
        db.session.commit()
    return app, issue_samples


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.certificates")
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--renders", type=int, default=30, help="PDF renders timed (fresh, not from storage)")
    args = parser.parse_args(argv)

    from weasyprint import HTML

    with tempfile.TemporaryDirectory(prefix="bench-certificates-") as folder:
        instance = Path(folder) / "instance"
        started = time.perf_counter()
        app, issue_samples = build(instance, args.certificates)
        print(f"dataset: {args.certificates} certificates issued in {time.perf_counter() - started:.1f} s")

        from sqlalchemy import select

        from lms.certificates import bulk, pdf
        from lms.certificates.models import Certificate
        from lms.extensions import db

        with app.app_context():
            certificates = db.session.scalars(select(Certificate).limit(args.renders)).all()
            HTML(string="<p>warm-up</p>").write_pdf()
            pdf.render(certificates[0])
            trivial = timed(lambda: HTML(string="<p>Hello</p>").write_pdf(), args.renders)
            renders = [timed(lambda c=c: pdf.render(c), 1)[0] for c in certificates]
            sizes = [len(pdf.pdf_bytes(c)) for c in certificates]
            # Store every other certificate's PDF as if already downloaded once (a copy of a real one):
            # the export then measures streaming, not rendering (rendering is measured above).
            sample = pdf.pdf_bytes(certificates[0])
            for certificate in db.session.scalars(select(Certificate)):
                path = pdf.stored_path(certificate.code)
                if not path.exists():
                    path.write_bytes(sample)
            ids = list(db.session.scalars(select(Certificate.id)))

        rows = [
            ("trivial WeasyPrint page (baseline)", *percentiles(trivial)),
            ("certificate PDF (fr/ar/en mix)", *percentiles(renders)),
            ("issue: snapshot + sign + insert", *percentiles(issue_samples)),
        ]
        print(f"\n{'render':40} {'p50 ms':>8} {'p95 ms':>8} {'× baseline p50':>15}")
        for label, p50, p95 in rows:
            print(f"{label:40} {p50 * 1000:8.1f} {p95 * 1000:8.1f} {p50 / rows[0][1]:15.1f}")
        print(f"PDF size: median {statistics.median(sizes) / 1024:.0f} KiB")

        # Baseline: zipfile alone over the same bytes.
        tracemalloc.start()
        started = time.perf_counter()
        baseline_bytes = sum(
            len(chunk)
            for chunk in bulk.stream_zip((f"{i}.pdf", lambda: (sample,), False) for i in range(len(ids)))
        )
        baseline_time = time.perf_counter() - started
        baseline_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()

        client = app.test_client()
        client.post("/auth/login", data={"email": "admin@bench.ma", "password": PASSWORD})
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        started = time.perf_counter()
        response = client.get("/admin/certificates/export.zip", buffered=False)
        assert response.status_code == 200 and response.is_streamed
        total = 0
        chunks = 0
        for chunk in response.response:
            total += len(chunk)
            chunks += 1
        response.close()
        export_time = time.perf_counter() - started
        export_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before

        print(
            f"\n{'bulk ZIP, ' + str(len(ids)) + ' certificates':40} {'seconds':>8} {'MiB':>8} {'cert/s':>8} {'peak MiB':>9}"
        )
        print(
            f"{'zipfile alone (baseline)':40} {baseline_time:8.2f} {baseline_bytes / 2**20:8.1f} "
            f"{len(ids) / baseline_time:8.0f} {baseline_peak / 2**20:9.2f}"
        )
        print(
            f"{'GET /admin/certificates/export.zip':40} {export_time:8.2f} {total / 2**20:8.1f} "
            f"{len(ids) / export_time:8.0f} {export_peak / 2**20:9.2f}"
        )
        print(f"streamed in {chunks} chunks; max RSS grew by {rss_growth / 1024:.1f} MiB while exporting")
        p50 = rows[1][1]
        print(
            f"cold export (no PDF stored yet) ≈ {len(ids)} × {p50 * 1000:.0f} ms = {len(ids) * p50 / 60:.1f} min "
            "of rendering on one core, streamed as it goes"
        )


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
