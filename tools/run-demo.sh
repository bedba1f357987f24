#!/bin/sh
# run-demo.sh BINARY - what `make run` does after building: create the demo
# database on first use, print how to sign in, and serve.
set -eu
bin=$1
db=${MOTCUA_DB:-var/motcua.db}
if [ ! -f "$db" ]; then
	"$bin" init --db "$db" --demo
fi
cat <<'MSG'

  MotCua - Một cửa điện tử huyện Đak Pơ (dữ liệu mẫu / demo data)
  Mở / open:  http://127.0.0.1:8080/

  Tài khoản mẫu / demo accounts (mật khẩu / password: motcua2026):
    admin           Quản trị hệ thống                  (admin @ gialai)
    motcua.mai      Cán bộ Bộ phận Một cửa huyện       (desk_officer @ dakpo.motcua)
    tuphap.lan      Chuyên viên Phòng Tư pháp          (specialist @ dakpo.tuphap)
    tuphap.duc      Trưởng phòng Tư pháp               (head @ dakpo.tuphap)
    lanhdao.thanh   Lãnh đạo UBND huyện                (leader @ dakpo)
    tonghop.linh    Tổng hợp, thanh tra                (reporter @ dakpo)
    anthanh.motcua  Cán bộ Một cửa xã An Thành         (desk_officer @ anthanh.motcua)
    0912345678      Công dân Nguyễn Văn An             (citizen)

  Dừng / stop: Ctrl-C
MSG
exec "$bin" serve --db "$db"
