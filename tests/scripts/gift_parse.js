// Parses a GIFT file with gift-pegjs (an independent reader) and prints what it read as JSON.
// Usage: node gift_parse.js NODE_MODULES FILE
'use strict';
const path = require('path');
const fs = require('fs');
const gift = require(path.resolve(process.argv[2], 'gift-pegjs'));
try {
  const questions = gift.parse(fs.readFileSync(process.argv[3], 'utf8'));
  // gift-pegjs 1.0.2 leaves its own placeholders for escaped characters ("&&058;" for "\\:")
  // in the answers of matching questions, where Moodle's importer decodes them
  // (escapedchar_post). Decode them with gift-pegjs's own table (GIFT.pegjs), nothing more.
  const placeholders = { '&&092;': '\\', '&&058;': ':', '&&035;': '#', '&&061;': '=',
                         '&&123;': '{', '&&125;': '}', '&&126;': '~', '&&010': '\n' };
  for (const q of questions) {
    for (const pair of q.matchPairs || []) {
      pair.subanswer = pair.subanswer.replace(/&&092;|&&058;|&&035;|&&061;|&&123;|&&125;|&&126;|&&010/g,
                                              (m) => placeholders[m]);
    }
  }
  process.stdout.write(JSON.stringify(questions));
} catch (error) {
  process.stderr.write('gift-pegjs: ' + error.message + '\n');
  process.exit(1);
}
