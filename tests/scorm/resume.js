module.exports = require('./answer.js')('resume');
