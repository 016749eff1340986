// The course: the tracks (lessons/tracks.json — id, title, one-line blurb; their order in the file
// is the course's) and the lessons in course order, checked. Every lesson names a known track; a
// track's lessons are consecutive in `order` and the tracks come in the file's order, so the
// lessons' `order` alone is the course order (the pager follows it); every prerequisite is an
// earlier lesson. Each lesson gets its track and its workload (lesson-time.mjs).
import fs from 'node:fs';
import path from 'node:path';

import { lessonWorkload } from './lesson-time.mjs';
import { LESSONS, fail, rel } from './util.mjs';

const TRACKS_FILE = path.join(LESSONS, 'tracks.json');

export function loadTracks() {
  const where = rel(TRACKS_FILE);
  if (!fs.existsSync(TRACKS_FILE)) fail(`missing ${where}: the course's tracks (id, title, blurb)`);
  let tracks;
  try {
    tracks = JSON.parse(fs.readFileSync(TRACKS_FILE, 'utf8'));
  } catch (error) {
    fail(`${where} is not valid JSON: ${error.message}`);
  }
  if (!Array.isArray(tracks) || tracks.length === 0) fail(`${where} must be a list of tracks`);
  const ids = new Set();
  for (const track of tracks) {
    if (typeof track?.id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(track.id))
      fail(`${where}: every track needs an 'id' of lower-case letters, digits and hyphens`);
    if (ids.has(track.id)) fail(`${where}: track '${track.id}' is listed twice`);
    ids.add(track.id);
    for (const key of ['title', 'blurb'])
      if (typeof track[key] !== 'string' || !track[key].trim()) fail(`${where}: track '${track.id}' needs a '${key}'`);
  }
  return tracks;
}

// `lessons` in `order` (loadLessons). Returns the tracks that have lessons, each with its
// lessons; every lesson gets `trackInfo` and `workload`.
export function buildCourse(lessons, tracks) {
  const trackById = new Map(tracks.map((track) => [track.id, { ...track, lessons: [] }]));
  const slugs = new Set(lessons.map((lesson) => lesson.slug));
  const read = new Set();
  let trackIndex = 0;
  for (const lesson of lessons) {
    const track = trackById.get(lesson.track);
    if (!track)
      fail(
        `${lesson.file}: track '${lesson.track}' is not in lessons/tracks.json (${[...trackById.keys()].join(', ')})`,
      );
    const index = tracks.findIndex((candidate) => candidate.id === lesson.track);
    if (index < trackIndex) {
      fail(
        `${lesson.file}: its order (${lesson.order}) puts it after a lesson of a later track ` +
          `(tracks.json lists ${tracks.map((t) => t.id).join(', ')}); give a track's lessons consecutive orders`,
      );
    }
    trackIndex = index;
    for (const slug of lesson.requires) {
      if (!slugs.has(slug)) fail(`${lesson.file}: requires '${slug}', which is no lesson's slug`);
      if (!read.has(slug)) fail(`${lesson.file}: requires '${slug}', which comes later in the course (its order)`);
    }
    read.add(lesson.slug);
    lesson.trackInfo = track;
    lesson.workload = lessonWorkload(lesson.html);
    track.lessons.push(lesson);
  }
  return [...trackById.values()].filter((track) => track.lessons.length > 0);
}
