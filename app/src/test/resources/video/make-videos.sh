#!/bin/sh
# Regenerates the benign test videos in this folder with Debian's ffmpeg (5.1). original.mp4 is a slow zoom over
# five of the benign reference pictures of Meta's PDQ test set (testdata/conformance/pdq, BSD licence, see the LICENSE
# there), two seconds each; unrelated.mp4 is FFmpeg's fractal test source. The files are committed, so tests never
# need ffmpeg. Run from the project root: app/src/test/resources/video/make-videos.sh
set -e
images="$(pwd)/testdata/conformance/pdq/images"
cd "$(dirname "$0")"
q="-v error -y"
inputs=""
filters=""
i=0
for picture in labelme-subset/q0291.jpg labelme-subset/q0746.jpg labelme-subset/q1050.jpg dih/bridge-1-original.jpg \
    pen-and-coaster.png; do
  inputs="$inputs -loop 1 -t 2 -i $images/$picture"
  filters="$filters[$i:v]scale=512:384,setsar=1,zoompan=z='1+0.003*on':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)'"
  filters="$filters:d=50:s=256x192:fps=25,trim=duration=2,setpts=PTS-STARTPTS,setsar=1[v$i];"
  i=$((i + 1))
done
ffmpeg $q $inputs -filter_complex "$filters[v0][v1][v2][v3][v4]concat=n=5:v=1:a=0,format=yuv420p[out]" -map "[out]" \
  -c:v libx264 -b:v 200k original.mp4
# another codec, bit rate and resolution
ffmpeg $q -i original.mp4 -c:v libvpx-vp9 -b:v 120k -vf scale=192:144 reencoded.webm
# seconds 3 to 9 only
ffmpeg $q -ss 3 -i original.mp4 -t 6 -c:v libx264 -b:v 150k -pix_fmt yuv420p trimmed.mp4
# three frames in four dropped (timestamps kept), MPEG-4 part 2 in AVI
ffmpeg $q -i original.mp4 -vf "select='not(mod(n\,4))'" -fps_mode vfr -c:v mpeg4 -q:v 6 dropped.avi
# something else altogether
ffmpeg $q -f lavfi -i mandelbrot=size=256x192:rate=25 -t 10 -c:v libx264 -b:v 150k -pix_fmt yuv420p unrelated.mp4
# two hours of a grey 16x16 picture at one frame a second (the length test)
ffmpeg $q -f lavfi -i "color=c=gray:size=16x16:rate=1" -t 7200 -c:v libx264 -preset ultrafast -g 7200 long.mp4
